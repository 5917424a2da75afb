"""HTTP plumbing shared by every feature: Api, problems, auth, transactions, paging."""
