import NIOCore

/// The attributes that describe pixel data: the Image Pixel Module (PS3.3 §C.7.6.3) with Number of Frames
/// (PS3.3 §C.7.6.6). Every size is computed in 64 bits with overflow checks.
public struct ImagePixelModule: Sendable, Equatable {
    /// (0028,0010) Rows.
    public var rows: Int
    /// (0028,0011) Columns.
    public var columns: Int
    /// (0028,0002) Samples per Pixel.
    public var samplesPerPixel: Int
    /// (0028,0100) Bits Allocated: 1, 8, 16, 32 or 64.
    public var bitsAllocated: Int
    /// (0028,0101) Bits Stored.
    public var bitsStored: Int
    /// (0028,0102) High Bit.
    public var highBit: Int
    /// (0028,0103) Pixel Representation is 1: two's complement samples.
    public var isSigned: Bool
    /// (0028,0004) Photometric Interpretation.
    public var photometricInterpretation: PhotometricInterpretation
    /// (0028,0006) Planar Configuration is 1: each colour plane stored in turn (colour-by-plane).
    public var isPlanar: Bool
    /// (0028,0008) Number of Frames (1 when absent).
    public var numberOfFrames: Int
    /// Red, green and blue Palette Color Lookup Tables, for PALETTE COLOR. PS3.3 §C.7.6.3.1.5.
    public var palette: (red: LookupTable, green: LookupTable, blue: LookupTable)? {
        get { paletteTables.map { ($0[0], $0[1], $0[2]) } }
        set { paletteTables = newValue.map { [$0.red, $0.green, $0.blue] } }
    }
    private var paletteTables: [LookupTable]?

    /// Creates a description.
    public init(
        rows: Int, columns: Int, samplesPerPixel: Int = 1, bitsAllocated: Int, bitsStored: Int? = nil,
        highBit: Int? = nil, isSigned: Bool = false,
        photometricInterpretation: PhotometricInterpretation = .monochrome2, isPlanar: Bool = false,
        numberOfFrames: Int = 1
    ) {
        self.rows = rows
        self.columns = columns
        self.samplesPerPixel = samplesPerPixel
        self.bitsAllocated = bitsAllocated
        self.bitsStored = bitsStored ?? bitsAllocated
        self.highBit = highBit ?? ((bitsStored ?? bitsAllocated) - 1)
        self.isSigned = isSigned
        self.photometricInterpretation = photometricInterpretation
        self.isPlanar = isPlanar
        self.numberOfFrames = numberOfFrames
    }

    /// Reads and validates the module from a data set. PS3.3 §C.7.6.3.1.
    public init(dataSet: DataSet) throws {
        func required(_ tag: Tag) throws -> Int {
            guard let value = dataSet.int(tag) else {
                throw DICOMError(.invalidPixelData, "\(tag.keyword ?? tag.description) is missing", tag: tag)
            }
            return value
        }
        rows = try required(.rows)
        columns = try required(.columns)
        bitsAllocated = try required(.bitsAllocated)
        samplesPerPixel = dataSet.int(.samplesPerPixel) ?? 1
        bitsStored = dataSet.int(.bitsStored) ?? bitsAllocated
        highBit = dataSet.int(.highBit) ?? (bitsStored - 1)
        isSigned = (dataSet.int(.pixelRepresentation) ?? 0) == 1
        let term = dataSet.string(.photometricInterpretation) ?? (samplesPerPixel == 3 ? "RGB" : "MONOCHROME2")
        photometricInterpretation = PhotometricInterpretation(term)
        isPlanar = (dataSet.int(.planarConfiguration) ?? 0) == 1
        // Number of Frames is IS; an empty or unparsable value means one frame.
        numberOfFrames = dataSet.int(.numberOfFrames) ?? 1
        try validate()
        if photometricInterpretation == .paletteColor {
            paletteTables = try [
                (Tag.redPaletteColorLookupTableDescriptor, Tag.redPaletteColorLookupTableData),
                (.greenPaletteColorLookupTableDescriptor, .greenPaletteColorLookupTableData),
                (.bluePaletteColorLookupTableDescriptor, .bluePaletteColorLookupTableData),
            ].map { descriptorTag, dataTag in
                guard let descriptor = dataSet[descriptorTag] else {
                    throw DICOMError(.invalidPixelData, "PALETTE COLOR without its lookup tables", tag: descriptorTag)
                }
                if let data = dataSet[dataTag] {
                    return try LookupTable(descriptor: descriptor, data: data, firstValueIsSigned: false)
                }
                // Segmented Red/Green/Blue Palette Color LUT Data (0028,1221–1223). PS3.3 §C.7.9.2.
                let segmentedTag = Tag(0x0028, dataTag.element + 0x0020)
                guard let segmented = dataSet[segmentedTag] else {
                    throw DICOMError(.invalidPixelData, "PALETTE COLOR without its lookup tables", tag: dataTag)
                }
                return try LookupTable(descriptor: descriptor, segmentedData: segmented)
            }
        }
    }

    /// Checks that the attributes are individually possible. PS3.3 §C.7.6.3.1 and PS3.5 §8.1.1.
    public func validate() throws {
        guard rows > 0, columns > 0, rows <= 65_535, columns <= 65_535 else {
            throw DICOMError(.invalidPixelData, "image of \(rows) × \(columns) pixels", tag: .rows)
        }
        guard samplesPerPixel == 1 || samplesPerPixel == 3 || samplesPerPixel == 4 else {
            throw DICOMError(.invalidPixelData, "Samples per Pixel \(samplesPerPixel)", tag: .samplesPerPixel)
        }
        guard [1, 8, 16, 32, 64].contains(bitsAllocated) else {
            throw DICOMError(.invalidPixelData, "Bits Allocated \(bitsAllocated)", tag: .bitsAllocated)
        }
        guard bitsStored >= 1, bitsStored <= bitsAllocated else {
            throw DICOMError(
                .invalidPixelData,
                "Bits Stored \(bitsStored) with Bits Allocated \(bitsAllocated)", tag: .bitsStored)
        }
        guard highBit >= bitsStored - 1, highBit < bitsAllocated else {
            throw DICOMError(.invalidPixelData, "High Bit \(highBit) with Bits Stored \(bitsStored)", tag: .highBit)
        }
        guard numberOfFrames >= 1 else {
            throw DICOMError(.invalidPixelData, "Number of Frames \(numberOfFrames)", tag: .numberOfFrames)
        }
    }

    /// Pixels in one frame, rows × columns.
    public var pixelsPerFrame: Int { rows * columns }

    /// Bytes of one native (uncompressed) frame, or nil for bit-packed (1-bit) data whose frames need not start on
    /// a byte boundary. YBR_FULL_422 stores two chrominance samples per pair of pixels. PS3.5 §8.1.1, §8.2.3.
    public func nativeFrameBitCount() throws -> UInt64 {
        var (bits, overflow) = UInt64(rows).multipliedReportingOverflow(by: UInt64(columns))
        let samples: UInt64 =
            photometricInterpretation == .ybrFull422 && samplesPerPixel == 3 ? 2 : UInt64(samplesPerPixel)
        var step = false
        (bits, step) = bits.multipliedReportingOverflow(by: samples)
        overflow = overflow || step
        (bits, step) = bits.multipliedReportingOverflow(by: UInt64(bitsAllocated))
        overflow = overflow || step
        guard !overflow else {
            throw DICOMError(.invalidPixelData, "frame size overflows 64 bits", tag: .pixelData)
        }
        return bits
    }

    /// Bytes the native pixel data must hold for every frame: rows × columns × samples × bits × frames in 64 bits.
    public func nativePixelDataLength() throws -> UInt64 {
        let (total, overflow) = try nativeFrameBitCount().multipliedReportingOverflow(by: UInt64(numberOfFrames))
        guard !overflow else {
            throw DICOMError(.invalidPixelData, "pixel data size overflows 64 bits", tag: .pixelData)
        }
        return (total + 7) / 8
    }
}
