package io.parley.proxy;

import io.parley.spi.proxy.ProxyFactory;

/** The reference implementation passes the proxy contract: the tests themselves are sound. */
class JdkProxyFactoryTest extends ProxyFactoryContractTest {
    @Override
    protected ProxyFactory factory() {
        return new JdkProxyFactory();
    }
}
