"""The question bank: the question model and loading (model), validation against the text
(validation), and grading an answer (grading). Pure."""
