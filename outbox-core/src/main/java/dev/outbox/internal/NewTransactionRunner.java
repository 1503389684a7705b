package dev.outbox.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Runs work in a transaction of its own, the caller's suspended meanwhile. */
@ApplicationScoped
public class NewTransactionRunner {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void run(Runnable work) {
        work.run();
    }
}
