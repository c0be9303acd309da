DROP TABLE damage_reports;
