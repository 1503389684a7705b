package dev.outbox.sample.payment;

/** Cents as the user reads them. */
final class Amounts {

    private Amounts() {
    }

    static String format(long cents) {
        return String.format(java.util.Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }
}
