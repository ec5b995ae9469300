import CXMLSec

/// An element of an ``XMLDocument``, read the way the RIM format needs: its name and namespace, its attributes, its
/// child elements (counted against a bound) and its text. It keeps its document alive.
struct XMLElement {
    let document: XMLDocument
    let node: xmlNodePtr

    /// The local name.
    var name: String { node.pointee.name.map { String(cString: $0) } ?? "" }

    /// The namespace URI, if the element is in one.
    var namespace: String? { node.pointee.ns?.pointee.href.map { String(cString: $0) } }

    /// Whether this is `name` in `namespace`.
    func `is`(_ name: String, in namespace: String) -> Bool {
        self.name == name && self.namespace == namespace
    }

    /// The child elements, in document order; throws when there are more than `limit` (`field` names them).
    func children(limit: Int, field: String) throws(NvidiaRIMError) -> [XMLElement] {
        var elements: [XMLElement] = []
        var next = node.pointee.children
        while let child = next {
            if child.pointee.type == XML_ELEMENT_NODE {
                guard elements.count < limit else {
                    throw NvidiaRIMError.invalidField(field: field, reason: "more than \(limit) elements")
                }
                elements.append(XMLElement(document: document, node: child))
            }
            next = child.pointee.next
        }
        return elements
    }

    /// The one child element `name` in `namespace`; throws when there is none or more than one.
    func child(_ name: String, in namespace: String, limit: Int, field: String) throws(NvidiaRIMError) -> XMLElement {
        let matches = try children(limit: limit, field: field).filter { $0.is(name, in: namespace) }
        guard matches.count == 1 else {
            throw NvidiaRIMError.invalidField(
                field: field, reason: matches.isEmpty ? "missing" : "\(matches.count) elements where one is expected")
        }
        return matches[0]
    }

    /// The attributes as (local name, namespace URI or nil, value), in document order.
    var attributes: [(name: String, namespace: String?, value: String)] {
        var result: [(name: String, namespace: String?, value: String)] = []
        var next = node.pointee.properties
        while let attribute = next {
            let name = attribute.pointee.name.map { String(cString: $0) } ?? ""
            let namespace = attribute.pointee.ns?.pointee.href.map { String(cString: $0) }
            result.append((name, namespace, Self.take(xmlNodeListGetString(document.pointer, attribute.pointee.children, 1))))
            next = attribute.pointee.next
        }
        return result
    }

    /// The value of the unqualified attribute `name`.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name && $0.namespace == nil }?.value
    }

    /// The value of a required attribute; `field` names it when it is missing.
    func requiredAttribute(_ name: String, field: String) throws(NvidiaRIMError) -> String {
        guard let value = attribute(name) else { throw NvidiaRIMError.invalidField(field: field, reason: "missing") }
        return value
    }

    /// The text content (of every descendant text node).
    var text: String { Self.take(xmlNodeGetContent(node)) }

    /// A string libxml2 allocated, freed after copying (empty for NULL).
    private static func take(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        defer { cxmlsec_free(pointer) }
        return String(cString: pointer)
    }
}
