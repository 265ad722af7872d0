"""Hypothesis strategies that build review-like documents."""

from __future__ import annotations

from hypothesis import strategies as st

HEADINGS = [
    "The Soft", "The Scratchy", "Pros", "Cons", "The Good", "The Bad", "Verdict",
    "Summary", "What I didn't love", "Highlights", "The Sweet", "The Sour", "Rating",
]  # fmt: skip
LABELS = [
    "The Acting",
    "Boring",
    "The Villain",
    "Costumes and sets",
    "The Dog",
    "Music",
]
SENTENCES = [
    "I loved it.", "The pacing dragged badly.", "Not bad, but not great either!",
    "MAJOR SPOILERS ahead.", "Would I recommend it? Absolutely.", "Rating: 7.5/10",
    "Story: 5/10 | Acting/Cast: 8/10", "★★★☆☆", "See you next week!", "Sincerely, Annie",
    "K-Dramas - even good ones - drag.", "The chemistry was off the charts",
]  # fmt: skip

heading = st.builds(
    lambda h, form: form.format(h=h),
    st.sampled_from(HEADINGS),
    st.sampled_from(["{h}:", "## {h}", "**{h}**", "{h}", "<h2>{h}</h2>", "# {h}"]),
)
item = st.builds(
    lambda label, text, form: form.format(label=label, text=text),
    st.sampled_from(LABELS),
    st.sampled_from(SENTENCES),
    st.sampled_from(
        ["{label}- {text}", "- **{label}:** {text}", "1. {text}", "{label} – {text}",
         "<p><strong>{label}:</strong> {text}</p>", "<li>{text}</li>"]
    ),
)  # fmt: skip
noise = st.text(
    alphabet=st.sampled_from(list("ab Z\n\t\r:-–*#_<>/&;!?.★☆’“\u00a0\x00é😀")),
    max_size=30,
)
block = st.one_of(heading, item, st.sampled_from(SENTENCES), noise)
separator = st.sampled_from(["\n", "\n\n", "\r\n", " ", "\n\n\n", "<br />"])


@st.composite
def reviews(draw: st.DrawFn) -> str:
    """A review-like document mixing headings, items, sentences and noise."""
    parts = draw(st.lists(st.tuples(block, separator), max_size=14))
    return "".join(a + b for a, b in parts)
