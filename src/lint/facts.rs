//! What the rules know of a JD besides its prose: facts from its front matter and its role.

/// Facts from the front matter some rules need.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    /// The JD's title and role title, whose words are never counted as gender-coded.
    pub title_words: TitleWords,
    /// Whether the JD is a real advert.
    pub advertised: bool,
    /// Whether it has a salary.
    pub has_salary: bool,
}

/// The lower-case words of a JD's titles, one after another in one buffer: a JD has a
/// dozen of them (its title, its role's title and aliases), and a string for each would cost more
/// allocations than all the rest of its lint.
#[derive(Debug, Default, Clone)]
pub struct TitleWords {
    text: String,
    /// Where each word ends in `text`; it starts where the one before it ends.
    ends: Vec<usize>,
    /// Word ranges and shapes of the title being split, kept for the next.
    spans: Vec<(usize, usize)>,
    shapes: Vec<u32>,
}

impl TitleWords {
    /// The words of some titles.
    #[cfg(test)]
    pub fn of(titles: &[&str]) -> Self {
        let mut words = TitleWords::default();
        for title in titles {
            words.add(title);
        }
        words
    }

    /// Empties the list, keeping its buffers.
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// Adds the words of a title, each lowered as [`str::to_lowercase`] lowers it.
    pub fn add(&mut self, title: &str) {
        self.spans.clear();
        self.shapes.clear();
        crate::lint::words::word_shapes(title, &mut self.spans, &mut self.shapes);
        for &(s, e) in &self.spans {
            let word = &title[s..e];
            if word.is_ascii() {
                self.text
                    .extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                // A whole-word lowering, which knows a final sigma from any other.
                self.text.push_str(&word.to_lowercase());
            }
            self.ends.push(self.text.len());
        }
    }

    /// Whether `word` (lower case) is one of the words.
    pub fn contains(&self, word: &str) -> bool {
        let mut start = 0;
        self.ends.iter().any(|&end| {
            let found = &self.text[start..end] == word;
            start = end;
            found
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::words::words;

    #[test]
    fn title_words_are_lowered_as_whole_words() {
        let titles = ["Lead Data Analyst - Hybrid", "ΟΔΟΣ Officer", "Ünïcode-Lead"];
        let mut list = TitleWords::of(&titles);
        let want: Vec<String> = titles
            .iter()
            .flat_map(|t| words(t))
            .map(|(_, w)| w.to_lowercase())
            .collect();
        assert!(want.contains(&"οδος".to_owned()), "{want:?}");
        for w in &want {
            assert!(list.contains(w), "{w}");
        }
        assert!(!list.contains("lead data"));
        assert!(!list.contains("Lead"));
        list.clear();
        list.add("Head of Service");
        assert!(list.contains("head") && !list.contains("lead"));
    }
}
