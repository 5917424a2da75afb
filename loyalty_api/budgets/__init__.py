"""Rule budgets: the points a rule may give across all members per period."""
