"""``/v1/me``: what a mobile app may read with a member token, and issuing those tokens."""
