/**
 * The states of a run and of a step, as enums that carry their flags, icons and words: the vocabulary the engine
 * decides in, the ledger stores (one converter, at its boundary) and the CLI, console and reports show. Depends on
 * nothing else of Backstep.
 */
package backstep.state;
