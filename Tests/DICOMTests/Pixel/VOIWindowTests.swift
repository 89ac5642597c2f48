import Testing

@testable import DICOM

/// The VOI functions of PS3.3 §C.11.2.1.2 and §C.11.2.1.3 at points the standard's formulas fix.
@Suite struct VOIWindowTests {
    @Test func linearFollowsTheHalfUnitOffsets() {
        let window = VOIWindow(center: 40, width: 400)
        #expect(window.apply(-160.5) == 0)
        #expect(window.apply(239.6) == 255)
        let middle = window.apply(39.5)
        #expect(abs(middle - 127.5) < 1e-9)
    }

    @Test func linearExactIsExactlyLinear() {
        let window = VOIWindow(center: 100, width: 200, function: .linearExact)
        #expect(window.apply(0) == 0)
        #expect(abs(window.apply(100) - 127.5) < 1e-9)
        #expect(window.apply(300.1) == 255)
    }

    @Test func sigmoidIsHalfAtTheCentre() {
        let window = VOIWindow(center: 50, width: 10, function: .sigmoid)
        #expect(abs(window.apply(50) - 127.5) < 1e-9)
        #expect(window.apply(1000) > 254.9)
    }

    @Test func presetsComeFromTheHeader() throws {
        var dataSet = DataSet()
        try dataSet.set(.windowCenter, vr: .DS, strings: ["40", "300"])
        try dataSet.set(.windowWidth, vr: .DS, strings: ["400", "1500"])
        try dataSet.set(.windowCenterWidthExplanation, vr: .LO, strings: ["SOFT", "BONE"])
        let presets = VOIWindow.presets(in: dataSet)
        #expect(presets.map(\.center) == [40, 300])
        #expect(presets.map(\.explanation) == ["SOFT", "BONE"])
    }
}
