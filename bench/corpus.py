"""A synthetic, valid course of N stories, the same for the same seed, for benchmarks.

Stories are 400-700 words of plausible service prose (sentences assembled from phrase
lists), with 3-5 questions and 1-3 themes; modules hold 5-10 stories each.

    python bench/corpus.py N DIR [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

THEMES = {
    "ownership": "Ownership", "initiative": "Initiative", "accountability": "Accountability",
    "brand-impact": "Impact on the brand", "authentic-humanity": "Authentic humanity",
    "empowerment": "Empowerment", "recognition": "Recognition",
    "leading-by-example": "Leading by example", "small-gestures": "Small gestures",
    "patience": "Patience", "teamwork": "Teamwork", "follow-through": "Follow-through",
}
SETTINGS = ["Retail", "Restaurant", "Hospitality", "Healthcare", "Banking", "Grocery",
            "Postal service", "Car dealership", "Airline", "Utilities", "Public library", "Pharmacy"]
PEOPLE = ["the cashier", "a young associate", "the night manager", "a pharmacist", "the driver",
          "the receptionist", "an older customer", "a tired parent", "the shift lead", "a new hire",
          "the librarian", "a regular customer", "the porter", "a nurse", "the server", "the clerk"]
ACTIONS = ["noticed the queue growing", "walked the customer to the right shelf",
           "wrote her own name on a slip of paper", "called the warehouse before anyone asked",
           "stayed an hour after closing", "checked the order twice", "remembered the child's name",
           "carried the boxes out to the car", "rang back the next morning as promised",
           "fixed the mistake without blaming anyone", "offered a chair and a glass of water",
           "found the missing parcel in the back room", "explained the bill line by line",
           "lent an umbrella from behind the counter", "held the door in the rain"]
FEELINGS = ["relieved", "surprised", "grateful", "impatient at first", "close to giving up",
            "a little embarrassed", "delighted", "anxious", "curious", "worried about the time"]
PLACES = ["at the front desk", "by the loading dock", "in the middle of the lunch rush",
          "on a wet Tuesday evening", "during the holiday sale", "just before closing",
          "on the first day of the new system", "at the far end of the car park",
          "while the phones kept ringing", "in a branch on the edge of town"]
LINKS = ["Later that week", "Nobody had asked for it", "The manager heard about it afterwards",
         "It took less than two minutes", "Years later the customer still told the story",
         "At first nobody noticed", "The rest of the team saw it happen", "It was not in any manual"]
EMPHASISED = ["the right thing to do", "a small thing", "not my job", "worth every minute", "our way of working"]
QUESTIONS = ["What made {p} decide to act?", "What would you have done {pl}?",
             "How did the customer feel when {p} {a}?", "What would have happened if nobody had {a}?",
             "Where in our work could someone have {a}?", "Who noticed, and who said thank you?",
             "What rule, if any, did {p} bend, and was it right to?"]


def sentence(rng: random.Random) -> str:
    person, action = rng.choice(PEOPLE), rng.choice(ACTIONS)
    shapes = [
        f"{person.capitalize()} {action} {rng.choice(PLACES)}.",
        f"{rng.choice(LINKS)}, and {person} {action}.",
        f"The customer felt {rng.choice(FEELINGS)} when {person} {action}.",
        f"{rng.choice(PLACES).capitalize()}, {person} was {rng.choice(FEELINGS)} but {action} anyway.",
        f"{rng.choice(LINKS)}.",
    ]
    return rng.choice(shapes)


def prose(rng: random.Random, words: int, number: int = 1) -> str:
    """Paragraphs with the markup real stories hold: 7 in 10 have an *emphasised* phrase, as the
    course's own stories do; 1 in 5 links an earlier story."""
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))
        if rng.random() < 0.15:
            paragraph = f"## {rng.choice(LINKS)}\n\n{paragraph}"
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    if rng.random() < 0.7:
        at = rng.randrange(len(paragraphs))
        paragraphs[at] += f" {rng.choice(PEOPLE).capitalize()} called it *{rng.choice(EMPHASISED)}*."
    if number > 1 and rng.random() < 0.2:
        other = rng.randint(1, number - 1)
        at = rng.randrange(len(paragraphs))
        paragraphs[at] += f" It went much as in [story {other}](story-{other:05d}.md)."
    return "\n\n".join(paragraphs)


def question(rng: random.Random) -> str:
    return rng.choice(QUESTIONS).format(p=rng.choice(PEOPLE), a=rng.choice(ACTIONS), pl=rng.choice(PLACES))


def yaml_list(items: list[str], indent: str = "  ") -> str:
    return "".join(f'{indent}- "{item}"\n' for item in items)


def story_file(rng: random.Random, number: int) -> str:
    themes = rng.sample(sorted(THEMES), rng.randint(1, 3))
    questions = [question(rng) for _ in range(rng.randint(3, 5))]
    return (
        "---\n"
        f"title: \"Story {number}: {rng.choice(ACTIONS).capitalize()}\"\n"
        f"summary: \"{sentence(rng)}\"\n"
        f"themes: [{', '.join(themes)}]\n"
        f"setting: {rng.choice(SETTINGS)}\n"
        "source:\n  author: Bench Author\n  title: Synthetic Stories\n  publication: The Benchmark Journal\n"
        f"questions:\n{yaml_list(questions)}"
        "---\n\n" + prose(rng, rng.randint(400, 700), number) + "\n"
    )


def module_file(rng: random.Random, number: int, stories: list[str]) -> str:
    agenda = [(10, "Welcome"), (20 + 5 * len(stories), "Read the stories in pairs"), (20, "Discussion")]
    duration = sum(minutes for minutes, _ in agenda)
    return (
        "---\n"
        f"title: Module {number}\n"
        f"summary: Module {number} of the benchmark course.\n"
        f"duration: {duration}\n"
        f"objectives:\n{yaml_list([question(rng), question(rng)])}"
        f"stories: [{', '.join(stories)}]\n"
        "agenda:\n" + "".join(f"  - minutes: {m}\n    activity: {a}\n" for m, a in agenda)
        + f"discussion:\n{yaml_list([question(rng) for _ in range(3)])}"
        "---\n\n" + prose(rng, 120) + "\n"
    )


def make_course(root: Path, n: int, seed: int = 1) -> Path:
    """Write a course of `n` stories into root/content; returns the content folder."""
    rng = random.Random(seed)
    content = root / "content"
    (content / "stories").mkdir(parents=True)
    (content / "modules").mkdir()
    (content / "themes.yml").write_text(
        "themes:\n" + "".join(f"  {slug}:\n    title: {title}\n    description: Stories about {title.lower()}.\n"
                              for slug, title in THEMES.items()), encoding="utf-8")
    slugs = [f"story-{i:05d}" for i in range(1, n + 1)]
    for number, slug in enumerate(slugs, 1):
        (content / "stories" / f"{slug}.md").write_text(story_file(rng, number), encoding="utf-8")
    modules, start = [], 0
    while start < n:
        remaining = n - start
        size = remaining if remaining <= 10 else rng.randint(5, min(10, remaining - 5))
        modules.append(f"module-{len(modules) + 1:04d}")
        chunk = slugs[start:start + size]
        start += size
        (content / "modules" / f"{modules[-1]}.md").write_text(module_file(rng, len(modules), chunk), encoding="utf-8")
    (content / "course.yml").write_text(
        "title: Benchmark Course\ntagline: Synthetic stories\ndescription: A generated course for benchmarks.\n"
        f"audience: Benchmarks.\nmodules: [{', '.join(modules)}]\n", encoding="utf-8")
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(make_course(args.dir, args.n, args.seed))


if __name__ == "__main__":
    main()
