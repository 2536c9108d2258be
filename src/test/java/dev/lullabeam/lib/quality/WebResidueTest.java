package dev.lullabeam.lib.quality;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebResidueTest {

  @ParameterizedTest(name = "[{index}] {1} in {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          Read it at https://example.com/story?id=3.            | url            | https://example.com/story?id=3
          Go to http://tales.example.org now.                   | url            | http://tales.example.org
          More at www.facebook.com/bedtimetales, every day.     | url            | www.facebook.com/bedtimetales
          Find more stories on example.com.                     | url            | example.com
          The next one is at StoryTime.co.uk/owl today.         | url            | StoryTime.co.uk/owl
          Write to hello@example.com for a free book.           | email          | hello@example.com
          Thanks to @sleepy_tales for the idea.                 | handle         | @sleepy_tales
          Share it with #bedtime and #kids.                     | hashtag        | #bedtime
          Call us on (555) 123-4567 today.                      | phone          | (555) 123-4567
          Ring +44 20 7946 0958 after six.                      | phone          | +44 20 7946 0958
          Ring 020 7946 0958 after six.                         | phone          | 020 7946 0958
          Order by phone: 555-123-4567.                         | phone          | 555-123-4567
          We post a new story on Instagram every week.          | social_media   | Instagram
          There is a video on YouTube.                          | social_media   | YouTube
          Like us on Facebook.                                  | call_to_action | Like us on
          Please subscribe for more.                            | call_to_action | subscribe
          Get our newsletter every Friday.                      | call_to_action | newsletter
          Click here to read the next chapter.                  | call_to_action | Click here
          Follow us on the web for more tales.                  | call_to_action | Follow us on
          Please visit our website for more stories.            | call_to_action | visit our website
          Sign up for free bedtime stories.                     | call_to_action | Sign up for
          Read our privacy policy.                              | call_to_action | privacy policy
          Copyright 2021 Sleepy Tales Ltd.                      | copyright      | Copyright
          © 2021 Sleepy Tales.                                  | copyright      | ©
          (c) 2020 The Author.                                  | copyright      | (c) 2020
          All rights reserved.                                  | copyright      | All rights reserved
          She said <b>goodnight</b>.                            | markup         | <b>
          Milk &amp; honey.                                     | markup         | &amp;
          ~## Chapter One~                                      | markup         | ## Chapter One
          Read [the next story](/stories/2) tonight.            | markup         | [the next story](/stories/2)
          if (tired) { sleep(); }                               | code_chars     | {
          A path like C:\\stories\\owl.txt.                     | code_chars     | \\
          Run `sleep 8` now.                                    | code_chars     | `
          """)
  void findsEachKindOfResidue(String text, String kind, String match) {
    Map<String, List<String>> found = WebResidue.find(text.replace("\\\\", "\\"));
    assertThat(found.getOrDefault(kind, List.of()), hasItem(match.replace("\\\\", "\\")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "She held the sign up so that everyone could see it.",
        "\"Follow me,\" said the owl, and the children followed her home.",
        "The cake cost 3.50 coins, and the baker smiled.",
        "They counted 100 200 300 stars before they fell asleep.",
        "At 7.30 the moon rose over the hill.",
        "Dr. Bear lives at number 12, Honey Lane.",
        "The twitter of the birds filled the garden.",
        "It was the end.Then she slept.",
        "Tom was number #1 in the sack race.",
        "\"Is it raining?\" she asked. \"Yes!\" said Dad.",
        "The owl liked to visit our garden at night.",
        "She wanted to read more stories about dragons.",
        "The children built a snowman - a tall one - by the gate.",
        "Grandpa told the story of the year 1999 and the big snow."
      })
  void leavesStoryEnglishAlone(String text) {
    assertThat(WebResidue.find(text), is(anEmptyMap()));
  }

  @Test
  void anEmailIsNotAlsoReportedAsItsDomainOrAHandle() {
    Map<String, List<String>> found = WebResidue.find("Write to jane.miller@example.com today.");
    assertThat(found, hasEntry("email", List.of("jane.miller@example.com")));
    assertThat(found.keySet(), not(hasItem("url")));
    assertThat(found.keySet(), not(hasItem("handle")));
  }

  @Test
  void findsAPipeTableRow() {
    assertThat(WebResidue.find("| Name | Age |"), hasEntry("code_chars", List.of("|")));
  }

  @Test
  void repeatsAreReportedOnceWhateverTheirCase() {
    Map<String, List<String>> found = WebResidue.find("Facebook! facebook! FACEBOOK!");
    assertThat(found, hasEntry("social_media", List.of("Facebook")));
  }
}
