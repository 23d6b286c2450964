-- The opt-in kinds of notification an address turned on (` weekly_digest `), and the address a
-- region's admin gets the daily digest of its moderation queue at.
ALTER TABLE mail_settings ADD COLUMN opted_in TEXT NOT NULL DEFAULT '';
ALTER TABLE admin_tokens ADD COLUMN email TEXT;
