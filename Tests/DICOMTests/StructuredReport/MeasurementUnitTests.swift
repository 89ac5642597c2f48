import Testing

@testable import DICOM

@Suite struct MeasurementUnitTests {
    static let cases: [(String, DoseQuantity.Canonical, Double)] = [
        ("Gy.m2", .doseAreaProduct, 1e4), ("Gym2", .doseAreaProduct, 1e4), ("dGy.cm2", .doseAreaProduct, 0.1),
        ("cGy.cm2", .doseAreaProduct, 0.01), ("mGy.cm2", .doseAreaProduct, 1e-3), ("uGy.m2", .doseAreaProduct, 1e-2),
        ("µGy.m2", .doseAreaProduct, 1e-2), ("Gy.cm2", .doseAreaProduct, 1), ("Gy", .dose, 1000), ("mGy", .dose, 1),
        ("uGy", .dose, 1e-3), ("dGy", .dose, 100), ("mGy.cm", .doseLengthProduct, 1), ("mGycm", .doseLengthProduct, 1),
        ("Gy.cm", .doseLengthProduct, 1000), ("mGy.mm", .doseLengthProduct, 0.1), ("s", .time, 1), ("ms", .time, 1e-3),
        ("min", .time, 60), ("h", .time, 3600), ("MBq", .activity, 1), ("kBq", .activity, 1e-3),
        ("GBq", .activity, 1e3),
        ("mCi", .activity, 37), ("kV", .voltage, 1), ("mA", .current, 1), ("uA", .current, 1e-3),
        ("mA.s", .currentTimeProduct, 1), ("mAs", .currentTimeProduct, 1), ("uA.s", .currentTimeProduct, 1e-3),
        ("uAs", .currentTimeProduct, 1e-3), ("mm", .length, 1), ("cm", .length, 10), ("m", .length, 1000),
        ("{events}", .number, 1), ("1", .number, 1), ("{X-Ray sources}", .number, 1), ("Gy.m^2", .doseAreaProduct, 1e4),
    ]

    @Test(arguments: cases)
    func convertsToCanonicalUnit(_ code: String, _ canonical: DoseQuantity.Canonical, _ factor: Double) throws {
        let (quantity, problem) = DoseQuantity.convert(2, unit: code, to: canonical)
        #expect(problem == nil)
        let value = try #require(quantity.value)
        #expect(abs(value - 2 * factor) <= 1e-12 * max(1, abs(value)), "\(code) → \(canonical.rawValue)")
        #expect(quantity.reportedValue == 2)
        #expect(quantity.reportedUnit == code)
        #expect(quantity.unit == canonical.rawValue)
    }

    @Test func neverGuessesAMissingOrWrongUnit() {
        let missing = DoseQuantity.convert(3, unit: nil, to: .dose)
        #expect(missing.quantity.value == nil)
        #expect(missing.problem == "no unit given")
        let unknown = DoseQuantity.convert(3, unit: "furlong", to: .dose)
        #expect(unknown.quantity.value == nil)
        #expect(unknown.problem?.contains("unknown unit") == true)
        let wrongKind = DoseQuantity.convert(3, unit: "Gy.m2", to: .dose)
        #expect(wrongKind.quantity.value == nil)
        #expect(wrongKind.problem?.contains("expected Gy") == true)
    }

    @Test func parsesDimensions() throws {
        #expect(MeasurementUnit(ucum: "Gy.m2")?.dimension == .doseArea)
        #expect(MeasurementUnit(ucum: "{pulse}/s")?.dimension == MeasurementUnit.Dimension(second: -1))
        #expect(MeasurementUnit(ucum: "%")?.factor == 0.01)
        #expect(MeasurementUnit(ucum: "{unclosed") == nil)
        #expect(MeasurementUnit(ucum: "Gy99") == nil)
        #expect(MeasurementUnit(ucum: "deg") == nil)
    }
}
