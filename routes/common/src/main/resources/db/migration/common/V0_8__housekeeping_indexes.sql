-- The housekeeping deletes confirmed event ids by age, a small batch at a time: an index on the age
-- lets each batch find its rows without reading the whole table.
CREATE INDEX camel_messageprocessed_created ON camel_messageprocessed (confirmed, createdAt);
