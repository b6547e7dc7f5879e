"""The directory as an Open Referral HSDS 3.0 API (Human Services Data Specification), under
/api/hsds/: each public network is an organization offering one service, the venues of its
events are its locations, and its kind, topics and sub-region are taxonomy terms.

mapping.py turns our rows into HSDS objects; views.py serves them with the specification's
paths, parameters and pagination. Only what the public pages show goes out.
"""
