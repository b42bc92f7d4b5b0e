"""Resolution's faces: the review queue and entity pages."""
