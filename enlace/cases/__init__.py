"""Case management: cases from lead to verdict, defendants, victims, consent and referrals.

Services take a SQLAlchemy ``Session`` and the acting ``User``; they check what that user may do,
record the change on the case timeline and in the audit trail, and never commit.
"""
