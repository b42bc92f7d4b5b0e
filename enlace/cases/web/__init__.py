"""Case management's faces: case pages, victims, referrals and the cases API."""
