-- HostClone schema, version 1.
-- Kept to what Citus and YugabyteDB also run: plain tables, btree indexes, sequences, jsonb, arrays;
-- no triggers, no stored procedures. Identifiers come from sequences OWNED BY their column, so
-- TRUNCATE ... RESTART IDENTITY resets them too.

CREATE TABLE business (
    bk_biz_id   bigint PRIMARY KEY,
    bk_biz_name text   NOT NULL,
    -- every other field of the business, as BlueKing shows them (bk_biz_id excluded)
    properties  jsonb  NOT NULL,
    CONSTRAINT business_name_unique UNIQUE (bk_biz_name)
);
CREATE SEQUENCE business_id_seq OWNED BY business.bk_biz_id;
ALTER TABLE business ALTER COLUMN bk_biz_id SET DEFAULT nextval('business_id_seq');

CREATE TABLE cloud_area (
    bk_cloud_id   bigint      PRIMARY KEY,
    bk_cloud_name text        NOT NULL,
    creator       text        NOT NULL DEFAULT '',
    create_time   timestamptz NOT NULL DEFAULT now()
);
-- Area 0 is built in; user-created areas count from 1.
CREATE SEQUENCE cloud_area_id_seq OWNED BY cloud_area.bk_cloud_id;
ALTER TABLE cloud_area ALTER COLUMN bk_cloud_id SET DEFAULT nextval('cloud_area_id_seq');
INSERT INTO cloud_area (bk_cloud_id, bk_cloud_name, creator) VALUES (0, 'Default Area', '');

CREATE TABLE host (
    bk_host_id bigint PRIMARY KEY,
    bk_biz_id  bigint NOT NULL,
    -- optimistic concurrency: every write increments it, and a write names the version it read
    version    bigint NOT NULL,
    -- the host document: every attribute value, identity and time fields included
    doc        jsonb  NOT NULL
);
CREATE SEQUENCE host_id_seq OWNED BY host.bk_host_id;
CREATE INDEX host_business_idx ON host (bk_biz_id);

-- Inner addresses (v4 and v6) by cloud area: a lookup by cloud + IP is a primary-key range scan.
-- Not unique on (cloud, ip): dynamic hosts may share an address; uniqueness is host_unique_key's job.
CREATE TABLE host_inner_ip (
    bk_cloud_id bigint NOT NULL,
    ip          text   NOT NULL,
    bk_host_id  bigint NOT NULL,
    PRIMARY KEY (bk_cloud_id, ip, bk_host_id)
);
CREATE INDEX host_inner_ip_host_idx ON host_inner_ip (bk_host_id);

-- One row per unique key a host holds (domain UniqueKey): the primary key makes the database, not
-- a read-then-write in Java, refuse a second host with the same key, whatever the concurrency.
-- The key is indexed through its SHA-256 because btree entries are limited to about 2.7 kB and
-- key values (longchar attributes) may be longer; key_text is kept for reading and reporting.
CREATE TABLE host_unique_key (
    rule_id    bigint NOT NULL,
    key_hash   bytea  NOT NULL,
    key_text   text   NOT NULL,
    bk_host_id bigint NOT NULL,
    PRIMARY KEY (rule_id, key_hash)
);
CREATE INDEX host_unique_key_host_idx ON host_unique_key (bk_host_id);

-- The host model. Seeded by the Java migration V2 from the bundled host-model.json, so that the
-- built-in ids 1..n are the ones BuiltInHostModel assigns.
CREATE TABLE host_attribute (
    id                  bigint      PRIMARY KEY,
    bk_property_id      text        NOT NULL,
    bk_property_name    text        NOT NULL,
    bk_property_name_en text        NOT NULL,
    bk_property_group   text        NOT NULL,
    bk_property_type    text        NOT NULL,
    option              jsonb,
    editable            boolean     NOT NULL,
    builtin             boolean     NOT NULL,
    bk_issystem         boolean     NOT NULL,
    bk_isapi            boolean     NOT NULL,
    isreadonly          boolean     NOT NULL,
    -- null for a global attribute, else the business whose custom field it is
    bk_biz_id           bigint,
    unit                text        NOT NULL,
    placeholder         text        NOT NULL,
    creator             text        NOT NULL,
    create_time         timestamptz NOT NULL
);
CREATE SEQUENCE host_attribute_id_seq OWNED BY host_attribute.id;
ALTER TABLE host_attribute ALTER COLUMN id SET DEFAULT nextval('host_attribute_id_seq');
-- A property id names one global attribute, or one custom field per business.
CREATE UNIQUE INDEX host_attribute_property_idx ON host_attribute (bk_property_id, (coalesce(bk_biz_id, 0)));

CREATE TABLE host_unique_rule (
    id                     bigint   PRIMARY KEY,
    key_attribute_ids      bigint[] NOT NULL,
    builtin                boolean  NOT NULL,
    static_addressing_only boolean  NOT NULL
);
CREATE SEQUENCE host_unique_rule_id_seq OWNED BY host_unique_rule.id;
ALTER TABLE host_unique_rule ALTER COLUMN id SET DEFAULT nextval('host_unique_rule_id_seq');

-- The model's revision: a change to attributes or rules increments it (and sends NOTIFY
-- hostclone_model), so every server drops its cached copy.
CREATE TABLE host_model_state (
    id       smallint PRIMARY KEY CHECK (id = 1),
    revision bigint   NOT NULL
);
INSERT INTO host_model_state (id, revision) VALUES (1, 1);

-- Audit records (API.md section 7): the filterable fields as columns, the snapshots as jsonb.
CREATE TABLE audit_record (
    id             bigint      PRIMARY KEY,
    audit_type     text,
    resource_type  text        NOT NULL,
    action         text        NOT NULL,
    bk_biz_id      bigint,
    resource_id    bigint      NOT NULL,
    resource_name  text,
    user_name      text,
    app_code       text,
    rid            text,
    operate_from   text,
    operation_time timestamptz NOT NULL,
    pre_data       jsonb,
    cur_data       jsonb,
    update_fields  jsonb
);
CREATE SEQUENCE audit_record_id_seq OWNED BY audit_record.id;
ALTER TABLE audit_record ALTER COLUMN id SET DEFAULT nextval('audit_record_id_seq');
CREATE INDEX audit_record_resource_idx ON audit_record (resource_type, resource_id, id);
CREATE INDEX audit_record_time_idx ON audit_record (operation_time);

-- Apps and their secrets, only as salted hashes (SecretHashing).
CREATE TABLE app (
    app_code    text        PRIMARY KEY,
    secret_hash text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
