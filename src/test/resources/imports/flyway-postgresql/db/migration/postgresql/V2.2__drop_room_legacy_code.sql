-- The old property system is switched off; nothing reads legacy_code any more.
ALTER TABLE rooms DROP COLUMN legacy_code;
