/**
 * The picocli command line: parses options, asks the engine, prints results as text or JSON and maps them to the
 * documented exit codes. No business logic lives here.
 */
package backstep.cli;
