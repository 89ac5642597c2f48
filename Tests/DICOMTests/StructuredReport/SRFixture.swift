import NIOCore

@testable import DICOM

/// Builds SR content items as data sets, the way a modality would encode them.
enum SRFixture {
    typealias Code = (value: String, scheme: String, meaning: String)

    static func codeItem(_ code: Code) throws -> DataSet {
        var item = DataSet()
        try item.set(.codeValue, string: code.value)
        try item.set(Tag(0x0008, 0x0102), string: code.scheme)
        try item.set(.codeMeaning, string: code.meaning)
        return item
    }

    static func dcm(_ value: String, _ meaning: String = "") -> Code { (value, "DCM", meaning) }

    /// A content item; `configure` adds the value attributes.
    static func item(
        _ relationship: String?, _ valueType: String?, _ name: Code?, children: [DataSet] = [],
        configure: (inout DataSet) throws -> Void = { _ in }
    ) throws -> DataSet {
        var item = DataSet()
        if let relationship { try item.set(.relationshipType, string: relationship) }
        if let valueType { try item.set(.valueType, string: valueType) }
        if let name { item.set(.conceptNameCodeSequence, sequence: [try codeItem(name)]) }
        try configure(&item)
        if !children.isEmpty { item.set(.contentSequence, sequence: children) }
        return item
    }

    static func container(_ relationship: String?, _ name: Code, continuous: Bool = false, _ children: [DataSet])
        throws -> DataSet
    {
        try item(relationship, "CONTAINER", name, children: children) {
            try $0.set(.continuityOfContent, string: continuous ? "CONTINUOUS" : "SEPARATE")
        }
    }

    static func num(
        _ name: Code, _ value: String, unit: String?, relationship: String = "CONTAINS", children: [DataSet] = []
    ) throws -> DataSet {
        try item(relationship, "NUM", name, children: children) { item in
            var measured = DataSet()
            try measured.set(.numericValue, string: value)
            if let unit {
                measured.set(.measurementUnitsCodeSequence, sequence: [try codeItem((unit, "UCUM", unit))])
            }
            item.set(.measuredValueSequence, sequence: [measured])
        }
    }

    static func code(_ name: Code, _ value: Code, relationship: String = "CONTAINS", children: [DataSet] = [])
        throws -> DataSet
    {
        try item(relationship, "CODE", name, children: children) {
            $0.set(.conceptCodeSequence, sequence: [try codeItem(value)])
        }
    }

    static func text(_ name: Code, _ value: String, relationship: String = "CONTAINS") throws -> DataSet {
        try item(relationship, "TEXT", name) { try $0.set(.textValue, string: value) }
    }

    static func uid(_ name: Code, _ value: String, relationship: String = "CONTAINS") throws -> DataSet {
        try item(relationship, "UIDREF", name) { try $0.set(.uid, string: value) }
    }

    static func reference(_ relationship: String, _ target: [Int]) throws -> DataSet {
        var item = DataSet()
        try item.set(.relationshipType, string: relationship)
        try item.set(.referencedContentItemIdentifier, vr: .UL, ints: target)
        return item
    }

    /// An SR document data set with this root title and content.
    static func document(
        title: Code, sopClassUID: String = "1.2.840.10008.5.1.4.1.1.88.67", template: String? = nil,
        _ children: [DataSet]
    ) throws -> DataSet {
        var document = try container(nil, title, children)
        try document.set(.sopClassUID, string: sopClassUID)
        try document.set(.sopInstanceUID, string: "1.2.3.4.5")
        try document.set(.modality, string: "SR")
        try document.set(.manufacturer, string: "ACME")
        try document.set(.studyInstanceUID, string: "1.2.3.4")
        try document.set(.accessionNumber, string: "ACC1")
        if let template {
            var templateItem = DataSet()
            try templateItem.set(.mappingResource, string: "DCMR")
            try templateItem.set(.templateIdentifier, string: template)
            document.set(.contentTemplateSequence, sequence: [templateItem])
        }
        return document
    }
}
