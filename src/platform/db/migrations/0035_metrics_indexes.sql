-- The licensing metrics place an application in a period by three dates: its conclusion
-- (indexed since 0025), its acceptance (licensing.deficiency_acceptance.count,
-- licensing.e_licence_reuse.count) and its evaluation (licensing.satisfaction_rate). The
-- last two had no index, so each of those figures read the whole applications table
-- whatever the period: the annual report's comparison with the year before, a month of the
-- dashboard's trends, a year of a commission with years of history. On the province-year
-- of bench/report.ts (900,000 applications) the year before took 280 ms of its 360 ms in
-- those two scans (bench/RESULTS-report.md).
CREATE INDEX licence_applications_accepted_idx ON licence_applications (accepted_on) WHERE accepted_on IS NOT NULL;
CREATE INDEX licence_applications_rated_idx ON licence_applications (rated_on) WHERE rated_on IS NOT NULL;
