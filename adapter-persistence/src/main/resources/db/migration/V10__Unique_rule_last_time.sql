-- A unique rule's last_time, which BlueKing's search_object_unique shows: when the rule was made. No time
-- was kept before; a rule cannot be older than its newest key attribute, so each takes that attribute's
-- create_time: exact for the rules V2 seeded with the built-in attributes, the earliest a rule made since
-- could have been made for any other. The default serves a server of an earlier version still running on
-- the database while it is upgraded, which names no time when it makes a rule; this version always does.
ALTER TABLE host_unique_rule ADD COLUMN last_time timestamptz NOT NULL DEFAULT now();
UPDATE host_unique_rule r
   SET last_time = (SELECT max(a.create_time) FROM host_attribute a WHERE a.id = ANY (r.key_attribute_ids));
