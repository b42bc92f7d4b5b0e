"""The durable work queue that runs processing steps (extraction, screening…) after intake.

Jobs live in the database (``intake_jobs``). A report's first step is queued in the transaction
that commits the report, and each step queues the next as it finishes, so an acknowledged report
always has its pending work. Workers claim jobs with a lease; a crashed worker's jobs are claimed
again when the lease runs out.
"""
