"""The report desk: what every role reads across areas — the home dashboard, the report list
and the report page (mentions, screening, similar reports) and the reports API."""
