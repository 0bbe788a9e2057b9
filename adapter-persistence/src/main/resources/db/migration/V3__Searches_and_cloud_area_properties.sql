-- HostClone schema, version 3: cloud-area properties and unique names, and the indexes behind the
-- searches (search_business, search_cloud_area, list_operation_audit). Still plain tables, btree
-- and GIN indexes, jsonb and arrays, no triggers (see V1).

-- Cloud areas keep their other attributes (bk_cloud_vendor, bk_region, bk_vpc_id, ...) as BlueKing
-- names them; area 0 has none.
ALTER TABLE cloud_area ADD COLUMN properties jsonb NOT NULL DEFAULT '{}'::jsonb;
-- bk_cloud_name is unique (BlueKing's isonly): the database refuses a second one, however requests race.
ALTER TABLE cloud_area ADD CONSTRAINT cloud_area_name_unique UNIQUE (bk_cloud_name);

-- search_business, equality conditions: containment on the properties narrows the rows first.
CREATE INDEX business_properties_idx ON business USING gin (properties jsonb_path_ops);
-- search_business for a maintainer: the names of bk_biz_maintainer (PostgresBusinesses.MAINTAINERS
-- must stay this exact expression, or the index is not used).
CREATE INDEX business_maintainers_idx ON business
    USING gin ((regexp_split_to_array(properties ->> 'bk_biz_maintainer', '[[:space:],]+')));
-- search_business sorted by name, in code-point order as Java compares strings.
CREATE INDEX business_name_order_idx ON business (bk_biz_name COLLATE "C", bk_biz_id);

-- list_operation_audit: one business's records in a time range. The time range alone
-- (audit_record_time_idx) and one resource (audit_record_resource_idx) are indexed since V1.
CREATE INDEX audit_record_business_time_idx ON audit_record (bk_biz_id, operation_time);
-- list_operation_audit: one user's records in a time range.
CREATE INDEX audit_record_user_time_idx ON audit_record (user_name, operation_time);
