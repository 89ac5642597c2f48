import DICOM
import Foundation
import Testing

@testable import LightboxDICOM

// DICOM's tag, not Swift Testing's.
fileprivate typealias Tag = DICOM.Tag

/// PS3.4 §K.2.2.1 matching of one worklist item, each kind on both sides of its rule.
@Suite("Modality worklist matching")
struct ModalityWorklistMatcherTests {
    static func item() throws -> DataSet {
        var step = DataSet()
        try step.set(Tag(0x0008, 0x0060), string: "DX")
        try step.set(Tag(0x0040, 0x0001), string: "LBXR1")
        try step.set(Tag(0x0040, 0x0002), string: "20270111")
        try step.set(Tag(0x0040, 0x0003), string: "093000")
        var set = DataSet()
        try set.set(.patientName, string: "Smith^Anna")
        try set.set(.patientID, string: "H1001")
        try set.set(.studyInstanceUID, string: "2.25.1234")
        try set.set(Tag(0x0010, 0x21C0), ints: [4])
        set.set(.scheduledProcedureStepSequence, sequence: [step])
        return set
    }

    fileprivate static func query(_ keys: [(Tag, String)], step: [(Tag, String)]? = nil) throws -> DataSet {
        var set = DataSet()
        for (tag, value) in keys { try set.set(tag, string: value) }
        if let step {
            var inner = DataSet()
            for (tag, value) in step { try inner.set(tag, string: value) }
            set.set(.scheduledProcedureStepSequence, sequence: [inner])
        }
        return set
    }

    @Test("Single values, wildcards and case-insensitive person names")
    func text() throws {
        let item = try Self.item()
        func matches(_ tag: Tag, _ value: String) throws -> Bool {
            ModalityWorklistMatcher.matches(item, try Self.query([(tag, value)]))
        }
        #expect(try matches(.patientID, "H1001"))
        #expect(try !matches(.patientID, "H100"))
        #expect(try matches(.patientID, "H10*"))
        #expect(try matches(.patientID, "H?001"))
        #expect(try !matches(.patientID, "h1001"))
        #expect(try matches(.patientName, "smith*"))
        #expect(try !matches(.patientName, "Jones*"))
        #expect(try matches(.patientName, ""))
        #expect(try matches(.studyInstanceUID, "1.2.3\\2.25.1234"))
        #expect(try !matches(.studyInstanceUID, "2.25.123"))
    }

    @Test("Date and time ranges inside the scheduled step, to the precision written")
    func ranges() throws {
        let item = try Self.item()
        func step(_ tag: Tag, _ value: String) throws -> Bool {
            ModalityWorklistMatcher.matches(item, try Self.query([], step: [(tag, value)]))
        }
        let date = Tag(0x0040, 0x0002)
        let time = Tag(0x0040, 0x0003)
        #expect(try step(date, "20270111"))
        #expect(try !step(date, "20270112"))
        #expect(try step(date, "20270101-20270131"))
        #expect(try step(date, "-20270111"))
        #expect(try !step(date, "20270112-"))
        #expect(try step(time, "09-10"))
        #expect(try step(time, "0930"))
        #expect(try !step(time, "0931-"))
        #expect(try step(time, "-093000"))
        #expect(try !step(time, "-0929"))
        #expect(try step(Tag(0x0040, 0x0001), "LBXR1"))
        #expect(try !step(Tag(0x0040, 0x0001), "LBCT1"))
    }

    @Test("The answer holds each key asked, empty when absent; an empty sequence returns the whole item")
    func answer() throws {
        let item = try Self.item()
        var query = try Self.query([(.patientName, ""), (Tag(0x0010, 0x2000), "")])
        query.set(.scheduledProcedureStepSequence, sequence: [])
        let answer = ModalityWorklistMatcher.answer(item, query)
        #expect(answer.string(.patientName) == "Smith^Anna")
        #expect(answer[Tag(0x0010, 0x2000)]?.valueLength == 0)
        #expect(answer.sequence(.scheduledProcedureStepSequence)?.first?.count == 4)
        #expect(answer[.patientID] == nil)
        let narrowed = ModalityWorklistMatcher.answer(item, try Self.query([], step: [(Tag(0x0008, 0x0060), "")]))
        #expect(narrowed.sequence(.scheduledProcedureStepSequence)?.first?.tags == [Tag(0x0008, 0x0060)])
        #expect(ModalityWorklistMatcher.matches(item, try Self.query([], step: [(Tag(0x0008, 0x0060), "CT")])) == false)
    }
}
