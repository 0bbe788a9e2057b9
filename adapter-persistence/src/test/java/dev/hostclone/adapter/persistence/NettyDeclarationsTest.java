package dev.hostclone.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * This module's pom declares each Netty module Vert.x's core asks for, so that an application embedding HostClone
 * without importing the parent pom gets every one at the version netty-bom sets, not the others at Vert.x's (the
 * pom's comment says why). A Vert.x upgrade that asks for one more would bring it at its own version, unseen in
 * this build, whose parent manages them all: this test reads what the Vert.x on the class path asks for.
 */
class NettyDeclarationsTest {

    private static final String NETTY = "io.netty";

    @Test
    void givenTheVertxCoreOnTheClassPath_whenItsNettyModulesAreRead_thenThisPomDeclaresEachOne() throws Exception {
        Set<String> asked;
        try (InputStream pom = Vertx.class.getResourceAsStream("/META-INF/maven/io.vertx/vertx-core/pom.xml")) {
            assertThat(pom).as("vertx-core's pom in its jar").isNotNull();
            asked = nettyModules(parse(pom), true);
        }
        Set<String> declared;
        // the module's folder, which Surefire names; the working directory otherwise (an IDE's run from the module)
        try (InputStream pom = Files.newInputStream(Path.of(System.getProperty("basedir", "."), "pom.xml"))) {
            declared = nettyModules(parse(pom), false);
        }

        assertThat(asked).as("Vert.x's core asks for Netty's modules").contains("netty-common", "netty-transport");
        assertThat(declared).as("declared in adapter-persistence's pom.xml, as Vert.x's core asks for them")
                .containsAll(asked);
    }

    private static Document parse(InputStream pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom);
    }

    /**
     * The Netty artifacts of the project's own dependencies (not its dependency management's): with {@code needed},
     * only those an application gets, neither optional nor of a test or provided scope.
     */
    private static Set<String> nettyModules(Document pom, boolean needed) {
        Set<String> modules = new TreeSet<>();
        NodeList dependencies = pom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            Node list = dependency.getParentNode();
            boolean ownDependency = list.getParentNode() == pom.getDocumentElement();
            if (!ownDependency || !NETTY.equals(child(dependency, "groupId"))) {
                continue;
            }
            String scope = child(dependency, "scope");
            boolean reachesApplication = !"true".equals(child(dependency, "optional"))
                    && (scope == null || scope.equals("compile") || scope.equals("runtime"));
            if (!needed || reachesApplication) {
                modules.add(child(dependency, "artifactId"));
            }
        }
        return modules;
    }

    private static String child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().strip();
            }
        }
        return null;
    }
}
