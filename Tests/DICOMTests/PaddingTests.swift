import Foundation
import Testing

@testable import DICOM

/// Value padding (PS3.5 §6.2): trailing spaces and NULs go; leading spaces go except in LT/ST/UT/PN.
@Suite("Value padding")
struct PaddingTests {
    @Test("trailing spaces and NULs are dropped, leading spaces only where the VR allows")
    func trimming() {
        #expect(DataElement.trim("  ORIGINAL \0", vr: .CS) == "ORIGINAL")
        #expect(DataElement.trim("  two spaces kept  ", vr: .LT) == "  two spaces kept")
        #expect(DataElement.trim(" Doe^John ", vr: .PN) == " Doe^John")
        #expect(DataElement.trim(" \0 \0", vr: .LO).isEmpty)
        #expect(DataElement.trim("Müller ", vr: .LO) == "Müller")
        #expect("1.2.840.10008.1.2.1\0".trimmingDICOMPadding() == "1.2.840.10008.1.2.1")
        #expect("unchanged".trimmingDICOMPadding() == "unchanged")
        // A leading space that a combining mark extends is one Character, not padding.
        #expect(" \u{301}x ".trimmingDICOMPadding() == " \u{301}x")
    }

    @Test("a value padded with a hundred thousand NULs is trimmed in linear time")
    func longPadding() {
        let text = "1.2.3" + String(repeating: "\0", count: 100_000) + String(repeating: " ", count: 100_000)
        let start = ContinuousClock.now
        #expect(text.trimmingDICOMPadding() == "1.2.3")
        #expect(DataElement.trim(String(repeating: " ", count: 100_000) + "x", vr: .CS) == "x")
        #expect(ContinuousClock.now - start < .seconds(1))
    }
}
