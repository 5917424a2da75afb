"""Member segments: filters over members with balances read at request time, and RFM scores."""
