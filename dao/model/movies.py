"""The movie catalog: genres, directors, movies, and users' favorite movies."""

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dao.model.base import NEVER_REUSE_IDS, db


class Genre(db.Model):
    __tablename__ = "genres"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Director(db.Model):
    __tablename__ = "directors"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Movie(db.Model):
    __tablename__ = "movies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    trailer: Mapped[str] = mapped_column(String(500), default="")
    year: Mapped[int] = mapped_column(Integer)
    rating: Mapped[float] = mapped_column(Float)
    genre_id: Mapped[int] = mapped_column(ForeignKey("genres.id"), index=True)
    director_id: Mapped[int] = mapped_column(ForeignKey("directors.id"), index=True)

    genre: Mapped[Genre] = relationship(lazy="joined", innerjoin=True)
    director: Mapped[Director] = relationship(lazy="joined", innerjoin=True)

    # Serves `status=new` (year descending, then id descending) from the index alone.
    __table_args__ = (Index("ix_movies_year_id", "year", "id"), NEVER_REUSE_IDS)


class MoviePageAnchor(db.Model):
    """Every n-th movie of a listing order, so that a deep page seeks instead of scanning.

    Rebuilt on demand; any change to the movies deletes them (see MovieDAO).
    """

    __tablename__ = "movie_page_anchors"

    ordering: Mapped[str] = mapped_column(String(16), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    movie_id: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)


class FavoriteMovie(db.Model):
    __tablename__ = "favorite_movies"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    movie_id: Mapped[int] = mapped_column(
        ForeignKey("movies.id", ondelete="CASCADE"), primary_key=True, index=True
    )
