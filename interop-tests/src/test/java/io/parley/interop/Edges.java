package io.parley.interop;

import io.parley.Remote;
import io.parley.RemoteRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The corners of the Java to IDL mapping that the Thrift compiler is picky about: names it reserves, a recursive
 * record, a dotted service name, two types with one simple name, references.
 */
@Remote(name = "edges.Edges")
public interface Edges {

    Tree grow(Tree seed, Map<Interop.Color, Set<UUID>> tags);

    RemoteRef forward(RemoteRef target, List<RemoteRef> others);

    Optional<Reserved> reserved(String from, int in, long lambda);

    Item item(Interop.Line line);

    /** A recursive record. */
    record Tree(String label, List<Tree> children, Optional<Tree> parent) {
    }

    /** Component names that Thrift reserves: escaped in the IDL, their ids unchanged. */
    record Reserved(String end, String self, String next, String None, String delete) {
    }

    /** Another "Item" than the one another interface may use. */
    record Item(String code) {
    }
}
