ALTER TABLE guests
    ADD COLUMN loyalty_tier TEXT NOT NULL DEFAULT 'none'
        CONSTRAINT guests_loyalty_tier_check CHECK (loyalty_tier IN ('none', 'silver', 'gold'));
