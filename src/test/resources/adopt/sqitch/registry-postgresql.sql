-- Sqitch's registry as Sqitch 1.x creates it on PostgreSQL (registry version 1.1, as its documentation describes
-- the tables), written here so a test can fill it the way `sqitch deploy` would. ${registry} is the schema.
CREATE SCHEMA ${registry};
CREATE TABLE ${registry}.releases (
    version         REAL PRIMARY KEY,
    installed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    installer_name  TEXT NOT NULL,
    installer_email TEXT NOT NULL
);
CREATE TABLE ${registry}.projects (
    project       TEXT PRIMARY KEY,
    uri           TEXT NULL UNIQUE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    creator_name  TEXT NOT NULL,
    creator_email TEXT NOT NULL
);
CREATE TABLE ${registry}.changes (
    change_id       TEXT PRIMARY KEY,
    script_hash     TEXT NULL,
    change          TEXT NOT NULL,
    project         TEXT NOT NULL REFERENCES ${registry}.projects (project) ON UPDATE CASCADE,
    note            TEXT NOT NULL DEFAULT '',
    committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    committer_name  TEXT NOT NULL,
    committer_email TEXT NOT NULL,
    planned_at      TIMESTAMPTZ NOT NULL,
    planner_name    TEXT NOT NULL,
    planner_email   TEXT NOT NULL,
    UNIQUE (project, script_hash)
);
CREATE TABLE ${registry}.tags (
    tag_id          TEXT PRIMARY KEY,
    tag             TEXT NOT NULL,
    project         TEXT NOT NULL REFERENCES ${registry}.projects (project) ON UPDATE CASCADE,
    change_id       TEXT NOT NULL REFERENCES ${registry}.changes (change_id) ON UPDATE CASCADE,
    note            TEXT NOT NULL DEFAULT '',
    committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    committer_name  TEXT NOT NULL,
    committer_email TEXT NOT NULL,
    planned_at      TIMESTAMPTZ NOT NULL,
    planner_name    TEXT NOT NULL,
    planner_email   TEXT NOT NULL,
    UNIQUE (project, tag)
);
CREATE TABLE ${registry}.dependencies (
    change_id     TEXT NOT NULL REFERENCES ${registry}.changes (change_id) ON UPDATE CASCADE ON DELETE CASCADE,
    type          TEXT NOT NULL,
    dependency    TEXT NOT NULL,
    dependency_id TEXT NULL REFERENCES ${registry}.changes (change_id) ON UPDATE CASCADE,
    PRIMARY KEY (change_id, dependency)
);
CREATE TABLE ${registry}.events (
    event           TEXT NOT NULL CHECK (event IN ('deploy', 'revert', 'fail', 'merge')),
    change_id       TEXT NOT NULL,
    change          TEXT NOT NULL,
    project         TEXT NOT NULL REFERENCES ${registry}.projects (project) ON UPDATE CASCADE,
    note            TEXT NOT NULL DEFAULT '',
    requires        TEXT[] NOT NULL DEFAULT '{}',
    conflicts       TEXT[] NOT NULL DEFAULT '{}',
    tags            TEXT[] NOT NULL DEFAULT '{}',
    committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    committer_name  TEXT NOT NULL,
    committer_email TEXT NOT NULL,
    planned_at      TIMESTAMPTZ NOT NULL,
    planner_name    TEXT NOT NULL,
    planner_email   TEXT NOT NULL,
    PRIMARY KEY (change_id, committed_at)
);
INSERT INTO ${registry}.releases (version, installer_name, installer_email)
VALUES (1.1, 'Ines Moreau', 'ines@library.example');
