/**
 * The JavaFX console, by feature ({@code shell}, {@code library}, {@code run}, {@code history}, {@code panels},
 * {@code ledger}, {@code drill}, {@code trainer}) with
 * {@code fx} as the only bridge onto the FX thread. {@link backstep.ui.ConsoleApp} wires everything by constructor.
 * Talks to the engine, targets and ledger through their public values; never uses JDBC itself.
 */
package backstep.ui;
