-- BlueKing reserves bk_cloud_id 1 (its "direct connecting area"), and gives the first area a caller
-- creates id 2 or more: a caller that knows it may treat area 1 as that one. The sequence starts at 2
-- (so does a RESTART), and moves there on a database that has not used it yet; one that has keeps its
-- next value, and an area 1 made before this migration keeps its id.
ALTER SEQUENCE cloud_area_id_seq START WITH 2;
SELECT setval('cloud_area_id_seq', greatest(last_value, 1), true) FROM cloud_area_id_seq;
