-- What BlueKing's callers send with an attribute and read back: its description, its place among its
-- group's attributes (bk_property_index) and its default value, checked against its type and option.
-- HostClone keeps and shows them; it fills no host's value from the default.
ALTER TABLE host_attribute ADD COLUMN description text NOT NULL DEFAULT '';
ALTER TABLE host_attribute ADD COLUMN bk_property_index bigint NOT NULL DEFAULT 0;
ALTER TABLE host_attribute ADD COLUMN default_value jsonb;
