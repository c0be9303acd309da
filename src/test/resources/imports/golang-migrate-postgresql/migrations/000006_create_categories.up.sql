CREATE TABLE categories (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    name TEXT NOT NULL
);

INSERT INTO categories (id, slug, name) VALUES
    (1, 'kitchen',     'Kitchen'),
    (2, 'bags',        'Bags'),
    (3, 'clothing',    'Clothing');
