"""Program analytics: points flows, liability, breakage, members, tiers, referrals."""
