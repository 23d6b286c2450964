-- The records a stored response carries (` initiative:42 stakeholder:7 pledge:3 `), so deleting
-- a record, or ending a pledge, forgets the responses that would replay its personal data.
ALTER TABLE idempotency_keys ADD COLUMN holds TEXT NOT NULL DEFAULT '';
