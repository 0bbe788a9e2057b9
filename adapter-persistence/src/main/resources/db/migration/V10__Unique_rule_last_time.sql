-- A unique rule's last_time, which BlueKing's search_object_unique shows: when the rule was made. No time
-- was kept before. A rule cannot be older than its newest key attribute, nor than a rule of a lower id (ids
-- are taken in the order rules are made, under the model's lock), so each takes the latest of those times:
-- exact for the rules V2 seeded with the built-in attributes, the earliest a rule made since could have been
-- made for any other; a rule none of whose keys exists keeps the upgrade's time. The default serves a server
-- of an earlier version still running on the database while it is upgraded, which names no time when it
-- makes a rule; this version always names one.
ALTER TABLE host_unique_rule ADD COLUMN last_time timestamptz NOT NULL DEFAULT now();
UPDATE host_unique_rule r
   SET last_time = earliest.made
  FROM (SELECT id, max(keys_made) OVER (ORDER BY id) AS made
          FROM (SELECT k.id, (SELECT max(a.create_time) FROM host_attribute a WHERE a.id = ANY (k.key_attribute_ids))
                       AS keys_made
                  FROM host_unique_rule k) AS rules) AS earliest
 WHERE earliest.id = r.id AND earliest.made IS NOT NULL;
