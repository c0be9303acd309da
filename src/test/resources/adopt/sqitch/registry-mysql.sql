-- Sqitch's registry as Sqitch 1.x creates it on MySQL/MariaDB (registry version 1.1, as its documentation
-- describes the tables): a database of its own, ${registry}.
CREATE DATABASE ${registry};
CREATE TABLE ${registry}.releases (
    version         FLOAT(4, 1) PRIMARY KEY,
    installed_at    DATETIME(6) NOT NULL,
    installer_name  VARCHAR(255) NOT NULL,
    installer_email VARCHAR(255) NOT NULL
) ENGINE = InnoDB;
CREATE TABLE ${registry}.projects (
    project       VARCHAR(255) PRIMARY KEY,
    uri           VARCHAR(255) NULL UNIQUE,
    created_at    DATETIME(6) NOT NULL,
    creator_name  VARCHAR(255) NOT NULL,
    creator_email VARCHAR(255) NOT NULL
) ENGINE = InnoDB;
CREATE TABLE ${registry}.changes (
    change_id       VARCHAR(40) PRIMARY KEY,
    script_hash     VARCHAR(40) NULL,
    `change`        VARCHAR(255) NOT NULL,
    project         VARCHAR(255) NOT NULL,
    note            TEXT NOT NULL,
    committed_at    DATETIME(6) NOT NULL,
    committer_name  VARCHAR(255) NOT NULL,
    committer_email VARCHAR(255) NOT NULL,
    planned_at      DATETIME(6) NOT NULL,
    planner_name    VARCHAR(255) NOT NULL,
    planner_email   VARCHAR(255) NOT NULL,
    UNIQUE (project, script_hash),
    CONSTRAINT changes_project_fk FOREIGN KEY (project) REFERENCES ${registry}.projects (project) ON UPDATE CASCADE
) ENGINE = InnoDB;
CREATE TABLE ${registry}.tags (
    tag_id          VARCHAR(40) PRIMARY KEY,
    tag             VARCHAR(255) NOT NULL,
    project         VARCHAR(255) NOT NULL,
    change_id       VARCHAR(40) NOT NULL,
    note            VARCHAR(255) NOT NULL,
    committed_at    DATETIME(6) NOT NULL,
    committer_name  VARCHAR(255) NOT NULL,
    committer_email VARCHAR(255) NOT NULL,
    planned_at      DATETIME(6) NOT NULL,
    planner_name    VARCHAR(255) NOT NULL,
    planner_email   VARCHAR(255) NOT NULL,
    UNIQUE (project, tag),
    CONSTRAINT tags_change_fk FOREIGN KEY (change_id) REFERENCES ${registry}.changes (change_id) ON UPDATE CASCADE
) ENGINE = InnoDB;
CREATE TABLE ${registry}.dependencies (
    change_id     VARCHAR(40) NOT NULL,
    type          VARCHAR(8) NOT NULL,
    dependency    VARCHAR(255) NOT NULL,
    dependency_id VARCHAR(40) NULL,
    PRIMARY KEY (change_id, dependency),
    CONSTRAINT dependencies_change_fk FOREIGN KEY (change_id) REFERENCES ${registry}.changes (change_id)
        ON UPDATE CASCADE ON DELETE CASCADE
) ENGINE = InnoDB;
CREATE TABLE ${registry}.events (
    event           ENUM ('deploy', 'fail', 'merge', 'revert') NOT NULL,
    change_id       VARCHAR(40) NOT NULL,
    `change`        VARCHAR(255) NOT NULL,
    project         VARCHAR(255) NOT NULL,
    note            TEXT NOT NULL,
    requires        TEXT NOT NULL,
    conflicts       TEXT NOT NULL,
    tags            TEXT NOT NULL,
    committed_at    DATETIME(6) NOT NULL,
    committer_name  VARCHAR(255) NOT NULL,
    committer_email VARCHAR(255) NOT NULL,
    planned_at      DATETIME(6) NOT NULL,
    planner_name    VARCHAR(255) NOT NULL,
    planner_email   VARCHAR(255) NOT NULL,
    PRIMARY KEY (change_id, committed_at)
) ENGINE = InnoDB;
INSERT INTO ${registry}.releases (version, installed_at, installer_name, installer_email)
VALUES (1.1, NOW(6), 'Ines Moreau', 'ines@library.example');
