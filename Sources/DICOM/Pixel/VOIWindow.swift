import Foundation

/// A value-of-interest window: centre, width and the VOI LUT Function that maps input values into the output
/// range. PS3.3 §C.11.2.1.2 and §C.11.2.1.3.
public struct VOIWindow: Sendable, Equatable {
    /// The VOI LUT Function (0028,1056). PS3.3 §C.11.2.1.3.
    public enum Function: String, Sendable, Equatable {
        /// §C.11.2.1.2.1: the default linear function, with its half-unit offsets.
        case linear = "LINEAR"
        /// §C.11.2.1.3.2: exactly linear between centre ± width/2.
        case linearExact = "LINEAR_EXACT"
        /// §C.11.2.1.3.1: a sigmoid through the centre.
        case sigmoid = "SIGMOID"
    }

    /// Window Center (0028,1050).
    public var center: Double
    /// Window Width (0028,1051).
    public var width: Double
    /// The function.
    public var function: Function
    /// Window Center & Width Explanation (0028,1055), when the header names the preset.
    public var explanation: String?

    /// Creates a window.
    public init(center: Double, width: Double, function: Function = .linear, explanation: String? = nil) {
        self.center = center
        self.width = width
        self.function = function
        self.explanation = explanation
    }

    /// The windows the header offers (one per value of Window Center/Width), with their function. PS3.3 §C.11.2.1.2.
    public static func presets(in dataSet: DataSet) -> [VOIWindow] {
        let centers = dataSet.doubles(.windowCenter)
        let widths = dataSet.doubles(.windowWidth)
        let explanations = dataSet.strings(.windowCenterWidthExplanation)
        let function = Function(rawValue: (dataSet.string(.voiLUTFunction) ?? "LINEAR").uppercased()) ?? .linear
        return zip(centers, widths).enumerated().compactMap { index, pair in
            let (center, width) = pair
            // LINEAR needs a width of at least 1, the others a positive width.
            guard width.isFinite, center.isFinite, function == .linear ? width >= 1 : width > 0 else { return nil }
            return VOIWindow(
                center: center, width: width, function: function,
                explanation: index < explanations.count ? explanations[index] : nil)
        }
    }

    /// Maps `x` into `yMin...yMax`.
    @inline(__always)
    public func apply(_ x: Double, yMin: Double = 0, yMax: Double = 255) -> Double {
        let range = yMax - yMin
        switch function {
        case .linear:
            let w = max(width, 1)
            let low = center - 0.5 - (w - 1) / 2
            let high = center - 0.5 + (w - 1) / 2
            if x <= low { return yMin }
            if x > high { return yMax }
            return ((x - (center - 0.5)) / (w - 1) + 0.5) * range + yMin
        case .linearExact:
            if x <= center - width / 2 { return yMin }
            if x > center + width / 2 { return yMax }
            return (x - center) / width * range + range / 2 + yMin
        case .sigmoid:
            return range / (1 + exp(-4 * (x - center) / width)) + yMin
        }
    }
}
