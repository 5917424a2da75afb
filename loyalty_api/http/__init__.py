"""HTTP plumbing shared by every feature: Api, problems, auth, transactions, paging."""

from loyalty_api.http import parser as _parser

_parser.install()
