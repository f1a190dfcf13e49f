from wagtail import blocks


class QuestionAnswerBlock(blocks.StructBlock):
    """One question of an interview and the alumnus's answer, kept as plain text."""

    question = blocks.CharBlock(max_length=200)
    answer = blocks.TextBlock(max_length=4000, help_text="Plain text; blank lines separate paragraphs.")

    class Meta:
        icon = "help"
        label = "Question and answer"
        template = "alumni/blocks/question_answer.html"
        preview_value = {"question": "How did you get started?", "answer": "I began as a studio runner."}
        description = "A question as a heading with the answer below it."


class InterviewStreamBlock(blocks.StreamBlock):
    qa = QuestionAnswerBlock()

    class Meta:
        block_counts = {"qa": {"max_num": 30}}
