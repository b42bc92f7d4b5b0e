"""Authentication, roles and policies, audit."""
