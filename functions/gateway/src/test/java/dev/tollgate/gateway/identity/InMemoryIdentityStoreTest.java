package dev.tollgate.gateway.identity;

/** The store contract against the in-memory store. */
class InMemoryIdentityStoreTest extends IdentityStoreContract {

    @Override
    IdentityStore newStore() {
        return new InMemoryIdentityStore();
    }
}
