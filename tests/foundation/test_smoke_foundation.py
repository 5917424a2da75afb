def test_enrol_and_read_member(api):
    created = api.post("/v1/members", json={"member_id": "alice", "email": "a@example.com"})
    assert created.status_code == 201, created.json
    assert created.json["member_id"] == "alice"
    assert len(created.json["referral_code"]) == 8
    read = api.get("/v1/members/alice")
    assert read.status_code == 200
    assert read.json["email"] == "a@example.com"
