//! The page a Word document is laid out on: A4 with 2 cm margins, in twentieths of a point,
//! shared by the body, its tables and the section properties.

/// Page margin, 2 cm in twentieths of a point.
pub const MARGIN: u32 = 1134;
/// Width of the text between the margins, in twentieths of a point (A4 less 2 cm each side).
pub const TEXT_WIDTH: u32 = 11_906 - 2 * MARGIN;
