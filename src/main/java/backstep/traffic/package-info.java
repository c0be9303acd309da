/**
 * Traffic profiles: capturing a target's statement statistics (PostgreSQL's {@code pg_stat_statements}, MariaDB's
 * {@code performance_schema} digests) over an interval into query shapes, rates, the read/write mix and parameter
 * distributions ({@link backstep.traffic.TrafficCapture}), and the profile file ({@link backstep.traffic.ProfileFile}).
 * It keeps no literal value of the source: shapes hold placeholders, parameters only distributions. It must not
 * change a target; replay belongs to {@code backstep.drill.load}.
 */
package backstep.traffic;
